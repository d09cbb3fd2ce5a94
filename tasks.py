"""invoke entry point: ``invoke sync`` ≡ ``accord sync``."""

from accord.tasks import ns

__all__ = ["ns"]
