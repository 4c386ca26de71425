"""Translation pipeline: extract messages, rebuild pages per language, guard, pseudo, status."""
