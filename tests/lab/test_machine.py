"""The machine block names the machine a run measured on, read on the run side."""

from __future__ import annotations

from stackwise.lab.machine import this_machine


def test_the_machine_block_names_this_machine_and_its_runtimes() -> None:
    machine = this_machine({"django": "5.2"}, note="test")
    assert machine.cores >= 1
    assert machine.cpu_model
    assert machine.python.startswith("3.")
    assert machine.frameworks == {"django": "5.2"}
    assert machine.summary.startswith(f"{machine.cpu_model}, {machine.cores} cores")
