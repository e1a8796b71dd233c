"""vawdasv: plans, progress and reports for Welsh VAWDASV partnerships."""
