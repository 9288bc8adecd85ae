from tests.nominations.conftest import catalogue  # noqa: F401 (the seeded award catalogue, for the dossier checks)
