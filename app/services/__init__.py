"""Domain services: keyword-only functions, one transaction per call, permission check first,
audit entry inside the same transaction, detached results back."""
