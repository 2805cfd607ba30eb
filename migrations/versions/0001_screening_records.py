"""Screening records and question counts.

Revision ID: 0001
Revises:
Create Date: 2026-11-29
"""
import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "screenings",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("code", sa.String(32), nullable=False),
        sa.Column("created_at", sa.DateTime, nullable=False),
        sa.Column("day", sa.Date, nullable=False),
        sa.Column("channel", sa.String(32), nullable=False),
        sa.Column("sender_hash", sa.String(64), nullable=False),
        sa.Column("applicant", sa.String(16)),
        sa.Column("facts", sa.Text, nullable=False),
        sa.Column("results", sa.Text, nullable=False),
        sa.Column("eligible", sa.Text, nullable=False),
        sa.Column("policy_version", sa.String(80), nullable=False),
    )
    op.create_index("ix_screenings_code", "screenings", ["code"], unique=True)
    op.create_index("ix_screenings_day", "screenings", ["day"])
    op.create_index("ix_screenings_sender_hash", "screenings", ["sender_hash"])
    op.create_table(
        "question_counts",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("day", sa.Date, nullable=False),
        sa.Column("measure", sa.String(16), nullable=False),
        sa.Column("channel", sa.String(32), nullable=False),
        sa.Column("count", sa.Integer, nullable=False),
    )
    op.create_index("ix_question_counts_day", "question_counts", ["day"])


def downgrade():
    op.drop_table("question_counts")
    op.drop_table("screenings")
