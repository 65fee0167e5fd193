import TouchbaseCore
import TouchbaseKit
import TouchbaseStore

/// Any record as JSON (an interaction in `contact show`): `id`, `entity`, every set field,
/// `deleted` when deleted and `mergedInto` for a merged duplicate, as ``Contact`` and ``Hub`` are.
struct RecordJSON: Encodable {
    var record: Record

    func encode(to encoder: any Encoder) throws {
        try RecordFieldsCoding.encode(id: record.id, entity: record.entity, fields: record.values, deleted: record.deleted,
                                      mergedInto: record.survivor, to: encoder)
    }
}
