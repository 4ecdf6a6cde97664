"""What tests share besides fixtures: prerequisites, ports, a served site, sample data.

Lives under tests/ so that production code cannot import it; tests import it by name and never
import from a conftest."""
