"""Content checks run by `campaign check`: one module per check, each returning its problems."""
