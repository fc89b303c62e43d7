"""Running the pipeline on more than one core (and, later, on a cluster)."""
