"""Sub-commands beyond ``summarise``, one module each, each with ``register(app)``."""
