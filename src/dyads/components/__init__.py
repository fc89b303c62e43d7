"""Pipeline stages, one module each, in the order of the flow."""
