"""facilitator: live workshops on collaboration between organisations."""
