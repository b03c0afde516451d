"""Converters between the formats the field uses and medllm records, and readers for benchmark files.

Conversation and preference formats convert both ways (:mod:`medllm.formats.conversations`);
benchmark, knowledge-base and corpus files have readers that yield records. Every reader takes
``on_issue`` (default: raise on the first bad row) and reports each bad row with file, line and reason.
"""

from medllm.formats.alpacare import read_alpacare_outputs, read_alpacare_seed, read_medinstruct_test
from medllm.formats.base import RowFormat
from medllm.formats.cases import read_disc_cases, read_disc_scores
from medllm.formats.chinese_exam import (
    MCQ_READERS,
    detect_mcq_format,
    read_ceval_csv,
    read_cmb_exam,
    read_cmexam,
    read_cmmlu_csv,
    read_mcq,
    read_mlecqa,
)
from medllm.formats.conversations import (
    ROW_FORMATS,
    RowReader,
    detect_format,
    get_format,
    read_conversations,
    write_rows,
)
from medllm.formats.iob import read_iob
from medllm.formats.kb import read_chatdoctor_kb
from medllm.formats.mcq import (
    mcq_to_medqa_row,
    read_medagentsbench,
    read_medmcqa,
    read_medqa,
    read_mmlu_csv,
    read_pubmedqa,
    write_medqa_jsonl,
)
from medllm.formats.qa import read_question_answer
from medllm.formats.text import read_text

__all__ = [
    "MCQ_READERS",
    "ROW_FORMATS",
    "RowFormat",
    "RowReader",
    "detect_format",
    "detect_mcq_format",
    "get_format",
    "mcq_to_medqa_row",
    "read_alpacare_outputs",
    "read_alpacare_seed",
    "read_ceval_csv",
    "read_chatdoctor_kb",
    "read_cmb_exam",
    "read_cmexam",
    "read_cmmlu_csv",
    "read_conversations",
    "read_disc_cases",
    "read_disc_scores",
    "read_iob",
    "read_mcq",
    "read_medagentsbench",
    "read_medinstruct_test",
    "read_medmcqa",
    "read_medqa",
    "read_mlecqa",
    "read_mmlu_csv",
    "read_pubmedqa",
    "read_question_answer",
    "read_text",
    "write_medqa_jsonl",
    "write_rows",
]
