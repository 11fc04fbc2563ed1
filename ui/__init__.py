"""The plugin's widgets: the ownership dock (``OwnershipDock``) and its parts.

``parcel_model`` (lazy table model), ``editing`` (layer reads, field creation, one-command edits),
``register_sync`` (committed edits → project register), ``summary`` and ``confirmation`` (PDF sheets).
"""
