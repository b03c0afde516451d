"""Built-in evaluation tasks (YAML), loaded by :func:`medllm.evaluation.tasks.builtin_tasks`."""
