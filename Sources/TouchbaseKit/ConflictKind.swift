/// What kind of disagreement a conflict is: a field, delete-vs-edit, merge-vs-edit or a merge cycle.
///
/// Each kind takes its own ``ConflictResolution``s (see ``ConflictResolution/fits(_:)``).
public typealias ConflictKind = Conflict.Kind
