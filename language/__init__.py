"""The Chinese-language side of the assistant: it reads what people write and words the answers.

``policy_kb`` holds the law (clauses, parameters, facts, rules, screening); this package reads
messages (normalisation, fact extraction, answer parsing per fact, search, question typing) and
composes answers from what policy_kb says. It never holds an amount or a condition of its own.
"""
