"""Item files shipped with built-in evaluation tasks that need no external data (attitude-scale items, ...)."""
