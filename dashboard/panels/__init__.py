"""Streamlit pieces of each screen: what a screen shows, widget by widget (no storage calls)."""
