"""What each command does, as plain functions returning exit codes (no argument parsing here)."""
