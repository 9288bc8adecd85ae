from tests.nominations.conftest import catalogue

__all__ = ["catalogue"]  # the seeded award catalogue, as the nominations tests have it
