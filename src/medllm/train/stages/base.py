"""What every stage shares: its TRL config with medllm's defaults, model loading, PEFT, the run, the export.

A stage type is a subclass of :class:`Stage` that says which TRL config and trainer it uses, turns its
records into the trainer's dataset, and which model class it trains. The rest (devices, defaults,
checkpoints and resuming, evaluation before and after, plots, export) is here, once.
"""

from __future__ import annotations

import dataclasses
import functools
import json
import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from medllm.io.issues import DataError
from medllm.train.data import StageData
from medllm.train.recipe import StageSpec

if TYPE_CHECKING:
    from datasets import Dataset
    from transformers import PreTrainedModel, PreTrainedTokenizerBase, Trainer

logger = logging.getLogger(__name__)

CHECKPOINTS = "checkpoints"
MODEL = "model"
ADAPTER = "adapter"


@dataclass
class StageContext:
    """Where a stage starts from and writes to.

    Attributes:
        model: the input model (folder or hub id): the recipe's model, or the previous stage's export.
        base_model: the recipe's starting model, named in model cards.
        previous_stage: the stage whose export ``model`` is (None for the recipe's model).
        output_dir: the stage's folder.
        chat_template: the template to train with (None: the model's own).
        seed: the run's seed.
        resume: continue from the stage's last checkpoint when there is one.
        reward_models: exported reward models of earlier stages, by stage name.
        recipe: the whole recipe as plain data, saved with the export.
        on_status: one-line status messages.
    """

    model: str
    base_model: str
    output_dir: Path
    previous_stage: str | None = None
    chat_template: str | None = None
    seed: int = 42
    resume: bool = False
    reward_models: dict[str, str] = field(default_factory=dict)
    recipe: dict[str, Any] = field(default_factory=dict)
    on_status: Callable[[str], None] = lambda message: None


@dataclass
class StageResult:
    """What a stage produced: the policy model for the next stage, and its measured metrics."""

    name: str
    type: str
    model: str
    metrics_before: dict[str, float]
    metrics_after: dict[str, float]
    train_metrics: dict[str, float]
    data: dict[str, Any]
    plots: list[str]
    reward_model: str | None = None

    def to_json(self) -> dict[str, Any]:
        return dataclasses.asdict(self)


def on_cpu() -> bool:
    import torch

    return not torch.cuda.is_available()


def flash_attention_available() -> bool:
    """A CUDA GPU with flash-attention installed: packed rows then train without padding or cross-talk."""
    import importlib.util

    return not on_cpu() and importlib.util.find_spec("flash_attn") is not None


def gpu_memory() -> int:
    """Bytes of memory of this process's GPU."""
    import torch

    return torch.cuda.get_device_properties(torch.cuda.current_device()).total_memory


class Stage:
    """A training stage on TRL. Subclasses set ``config_class`` and implement the dataset and trainer hooks."""

    type: ClassVar[str]
    #: ``"module:Class"`` of the TRL config and trainer, imported on use (TRL imports take seconds).
    config_class: ClassVar[str]
    trainer_class: ClassVar[str]
    #: learning rates that work out of the box: (full fine-tuning, LoRA).
    learning_rates: ClassVar[tuple[float, float]] = (2e-5, 2e-4)
    #: metrics worth comparing before and after training (from ``trainer.evaluate()``).
    eval_keys: ClassVar[tuple[str, ...]] = ("eval_loss",)
    #: what PEFT adapts: a causal LM, or a sequence classifier (reward models).
    peft_task_type: ClassVar[str] = "CAUSAL_LM"
    #: why this stage type cannot run here, when it cannot.
    unavailable: ClassVar[str | None] = None

    def __init__(self, spec: StageSpec, context: StageContext) -> None:
        self.spec = spec
        self.context = context

    # -- hooks ---------------------------------------------------------------------------------

    def stage_defaults(self) -> dict[str, Any]:
        """Config defaults of this stage type, applied after the shared ones and before the recipe's ``args``."""
        return {}

    def build_datasets(self, data: StageData, tokenizer: PreTrainedTokenizerBase) -> tuple[Dataset, Dataset | None]:
        raise NotImplementedError

    def build_trainer(
        self,
        model: PreTrainedModel,
        tokenizer: PreTrainedTokenizerBase,
        config: Any,
        train: Dataset,
        validation: Dataset | None,
        peft_config: Any,
    ) -> Trainer:
        return _resolve(self.trainer_class)(
            model=model,
            args=config,
            train_dataset=train,
            eval_dataset=validation,
            processing_class=tokenizer,
            peft_config=peft_config,
            **self.trainer_kwargs(),
        )

    def trainer_kwargs(self) -> dict[str, Any]:
        """Arguments of this stage type's trainer beyond the ones every TRL trainer takes."""
        return {}

    def load_model(self) -> PreTrainedModel:
        from transformers import AutoModelForCausalLM

        return AutoModelForCausalLM.from_pretrained(self.context.model, **self.model_kwargs())

    # -- shared machinery ----------------------------------------------------------------------

    @classmethod
    def config_cls(cls) -> type:
        return _resolve(cls.config_class)

    @functools.cached_property
    def config(self) -> Any:
        """The TRL config: shared defaults, then the stage type's, then the recipe's ``args``."""
        lr_full, lr_lora = self.learning_rates
        values: dict[str, Any] = {
            "output_dir": str(self.context.output_dir / CHECKPOINTS),
            "seed": self.context.seed,
            "data_seed": self.context.seed,
            "learning_rate": lr_lora if self.spec.peft else lr_full,
            "num_train_epochs": 1,
            "per_device_train_batch_size": 8,
            "per_device_eval_batch_size": 8,
            "logging_steps": 5,
            "save_strategy": "steps",
            "save_steps": 50,
            "save_total_limit": 2,
            "report_to": "none",
            "dataloader_num_workers": 0,
            "disable_tqdm": True,  # progress goes to stderr as status lines (see _report_progress)
        }
        if on_cpu():
            # TRL defaults to bf16 and gradient checkpointing, which fail or crawl on a CPU.
            # (activation_checkpointing is transformers 5's name for gradient_checkpointing.)
            values.update(use_cpu=True, bf16=False, fp16=False, activation_checkpointing=False)
        else:
            import torch

            values.update(bf16=torch.cuda.is_bf16_supported())
        values.update(self.stage_defaults())
        values.update(self.spec.args)
        if "gradient_checkpointing" in self.spec.args and "activation_checkpointing" not in self.spec.args:
            # The deprecated alias counts only where activation_checkpointing is unset, and a default sets it.
            values["activation_checkpointing"] = self.spec.args["gradient_checkpointing"]
        return self.config_cls()(**values)

    def attention_implementation(self) -> str | None:
        """The model's attention implementation for this stage (None: transformers' default, SDPA)."""
        return "flash_attention_2" if flash_attention_available() else None

    def model_kwargs(self) -> dict[str, Any]:
        import torch

        kwargs: dict[str, Any] = {"dtype": torch.float32}
        if not on_cpu():
            kwargs["dtype"] = torch.bfloat16 if torch.cuda.is_bf16_supported() else torch.float16
        attention = self.attention_implementation()
        if attention is not None:
            kwargs["attn_implementation"] = attention
        if self.spec.peft is not None and self.spec.peft.method == "qlora":
            kwargs["quantization_config"] = qlora_quantization_config()
        return kwargs

    def peft_config(self) -> Any:
        if self.spec.peft is None:
            return None
        from peft import LoraConfig

        peft = self.spec.peft
        return LoraConfig(
            r=peft.r,
            lora_alpha=peft.alpha,
            lora_dropout=peft.dropout,
            target_modules=peft.target_modules,
            task_type=self.peft_task_type,
        )

    def load_tokenizer(self) -> PreTrainedTokenizerBase:
        from transformers import AutoTokenizer

        from medllm.train.templates import apply_template

        tokenizer = AutoTokenizer.from_pretrained(self.context.model)
        apply_template(tokenizer, self.context.chat_template)
        if tokenizer.pad_token is None:
            tokenizer.pad_token = tokenizer.eos_token
        return tokenizer

    def run(self, data: StageData) -> StageResult:
        """Train, evaluate before and after, plot, export. Resumes from the last checkpoint when asked."""
        from medllm.train.export import export_model
        from medllm.train.plots import plot_history

        out = self.context.output_dir
        out.mkdir(parents=True, exist_ok=True)
        say = self.context.on_status
        config = self.config
        tokenizer = self.load_tokenizer()
        say(f"[{self.spec.name}] preparing {len(data.train)} training and {len(data.validation)} held-out records")
        train, validation = self.build_datasets(data, tokenizer)
        say(f"[{self.spec.name}] loading {self.context.model}")
        model = self.load_model()
        trainer = self.build_trainer(model, tokenizer, config, train, validation, self.peft_config())
        _report_progress(trainer, say, self.spec.name or self.type)
        metrics_before = self._evaluate(trainer, validation)
        checkpoint = last_checkpoint(out / CHECKPOINTS) if self.context.resume else None
        if checkpoint:
            say(f"[{self.spec.name}] resuming from {checkpoint}")
        say(f"[{self.spec.name}] training ({self.type})")
        output = trainer.train(resume_from_checkpoint=checkpoint)
        metrics_after = self._evaluate(trainer, validation)
        history = trainer.state.log_history
        main = trainer.accelerator.is_main_process
        plots: list[Path] = []
        if main:
            (out / "log_history.json").write_text(json.dumps(history, indent=1), encoding="utf-8")
            plots = plot_history(
                history,
                out / "plots",
                title=f"{self.spec.name} ({self.type})",
                held_out=(metrics_before, metrics_after),
            )
        result = StageResult(
            name=self.spec.name or self.type,
            type=self.type,
            model="",
            metrics_before=metrics_before,
            metrics_after=metrics_after,
            train_metrics={k: v for k, v in output.metrics.items() if isinstance(v, int | float)},
            data=data.summary(),
            plots=[str(p) for p in plots],
        )
        say(f"[{self.spec.name}] exporting")
        exported = out / MODEL
        if main:
            export_model(trainer, tokenizer, self, result, data)
        trainer.accelerator.wait_for_everyone()
        self.finish(result, exported)
        return result

    def finish(self, result: StageResult, exported: Path) -> None:
        """Record what the stage hands on: by default its export is the next stage's policy."""
        result.model = str(exported)

    def _evaluate(self, trainer: Trainer, validation: Dataset | None) -> dict[str, float]:
        if validation is None or len(validation) == 0:
            return {}
        metrics = dict(trainer.evaluate())
        # TRL trainers log their own metrics (reward accuracy, DPO margins) without returning them.
        logged = trainer.state.log_history[-1] if trainer.state.log_history else {}
        metrics.update({k: v for k, v in logged.items() if k.startswith("eval_")})
        return {k: float(v) for k, v in metrics.items() if k in self.eval_keys}


def last_checkpoint(folder: Path) -> str | None:
    """The newest complete ``checkpoint-N`` folder (one with trainer state), or None."""
    if not folder.is_dir():
        return None
    done = [p for p in folder.glob("checkpoint-*") if (p / "trainer_state.json").exists()]
    if not done:
        return None
    return str(max(done, key=lambda p: int(p.name.rsplit("-", 1)[1])))


def qlora_quantization_config() -> Any:
    """4-bit NF4 quantization for QLoRA; a clear error where bitsandbytes or a GPU is missing."""
    import importlib.util

    import torch

    if not torch.cuda.is_available():
        raise DataError("QLoRA needs a CUDA GPU (4-bit bitsandbytes kernels); use 'method: lora' on this machine")
    if importlib.util.find_spec("bitsandbytes") is None:
        raise DataError("QLoRA needs bitsandbytes: pip install 'medllm[gpu]'")
    from transformers import BitsAndBytesConfig

    return BitsAndBytesConfig(
        load_in_4bit=True,
        bnb_4bit_quant_type="nf4",
        bnb_4bit_use_double_quant=True,
        bnb_4bit_compute_dtype=torch.bfloat16 if torch.cuda.is_bf16_supported() else torch.float16,
    )


def _resolve(reference: str) -> Any:
    import importlib

    module, _, name = reference.partition(":")
    return getattr(importlib.import_module(module), name)


def _report_progress(trainer: Trainer, say: Callable[[str], None], stage: str) -> None:
    """Training logs as status lines on stderr, instead of transformers' printing them to stdout,
    which carries results (``medllm train --json``)."""
    from transformers import PrinterCallback, TrainerCallback

    class StatusLines(TrainerCallback):
        def on_log(self, args: Any, state: Any, control: Any, logs: dict[str, Any] | None = None, **_: Any) -> None:
            if not state.is_world_process_zero or not logs:
                return
            shown = ", ".join(f"{k} {v:.4g}" if isinstance(v, float) else f"{k} {v}" for k, v in logs.items())
            say(f"[{stage}] step {state.global_step}/{state.max_steps}: {shown}")

    trainer.remove_callback(PrinterCallback)
    trainer.add_callback(StatusLines())
