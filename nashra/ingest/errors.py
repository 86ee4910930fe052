class IngestError(Exception):
    """A problem with one document, worded for the editor who runs the import."""


class SchemaError(IngestError):
    """The document's ninjs schema rejects it."""
