"""The one error type the ETL raises for bad input: a Dutch sentence that names the table."""


class EtlFout(Exception):
    """Bad or missing source data; the message is shown to users as is."""
