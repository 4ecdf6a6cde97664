"""The lab's data: workloads, results files, capacity, the report; readable without its runtime."""
