"""The document viewer: the parsed text of an attachment or a knowledge base document."""
