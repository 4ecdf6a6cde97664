"""Evidence lab: the same API in four frameworks, verified and measured against PostgreSQL."""
