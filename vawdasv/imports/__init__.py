"""Reading implementation plans from documents into the plan services.

`text_tables` parses table text into a `model.ParsedPlan` (no database); `leads` splits lead
cells and resolves them to organisations; `services.import_plan` writes a parsed plan in one
transaction through `vawdasv.plans.services`.
"""
