"""Every write to the outcomes app: framework.py (measures, indicators, denominators, targets)
and returns.py (data returns and their values). Each function runs in one transaction, checks
permission through partnerships/permissions.py and records its audit entry through the kernel."""
