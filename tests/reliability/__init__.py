"""Reliability and security tests (issue 10): fault matrix, fuzzing, secrets, concurrency."""
