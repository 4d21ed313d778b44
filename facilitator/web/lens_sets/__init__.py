"""The facilitator's own lens sets: list, upload, edit a copy of a built-in set."""
