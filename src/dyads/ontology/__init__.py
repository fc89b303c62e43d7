"""Event ontologies (CAMEO codes and their class / PLOVER crosswalks) as shipped data."""
