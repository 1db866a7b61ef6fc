from django.contrib.auth.hashers import Argon2PasswordHasher


class FastArgon2PasswordHasher(Argon2PasswordHasher):
    """Argon2id at a low cost, for the test suite only (settings selects it when testing)."""

    algorithm = "argon2_fast"
    time_cost = 1
    memory_cost = 1024
    parallelism = 1
