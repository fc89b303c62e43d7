"""The NLP pipeline: the model loaded once, documents parsed in batches, stages run in order."""
from dyads.pipeline.runner import Pipeline, PipelineOptions, forget_shared, keep, shared

__all__ = ["Pipeline", "PipelineOptions", "forget_shared", "keep", "shared"]
