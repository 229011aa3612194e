"""The kernels: the project's arithmetic and algorithms as pure Python, one module or
package per family (conversion, accrual, assignment, affinity, assessment, ranking, draws,
meeting votes, reporting periods, working days, codes, money, file types, charts).

No module here imports Django, Django REST framework, django-fsm or an app of the project
(`tests/test_purity.py` checks it), so each is tested fast and read without the framework.
"""
