import Foundation
import TouchbaseStore

/// The synced settings of the method (see ``WorkflowSettings``): a change on one device shows on
/// every device after the next sync.
extension Workspace {
    /// The settings in effect, in the order of ``WorkflowSettings/known``; only `key` when given.
    ///
    /// - throws: the workflow error for an unknown key.
    public func settings(key: String? = nil) throws -> [EffectiveSetting] {
        if let key { try Workspace.checkSettingKey(key) }
        let stored = try store.settingValues()
        let settings = WorkflowSettings(values: stored)
        return WorkflowSettings.known.filter { key == nil || $0.key == key }.map { row in
            let value = row.key == WorkflowSettings.targetKey
                ? String(settings.targets.current)
                : stored[row.key].flatMap { try? WorkflowSettings.validate(key: row.key, value: $0) } ?? row.defaultValue
            return EffectiveSetting(key: row.key, value: value, defaultValue: row.defaultValue, isSet: stored[row.key] != nil)
        }
    }

    /// The settings as the planner reads them.
    public func workflowSettings() throws -> WorkflowSettings { try store.workflowSettings() }

    /// Sets a setting on every device (validated; the daily target keeps its history from today on).
    ///
    /// - throws: the workflow error for an unknown key or a value that does not fit.
    public func setSetting(_ key: String, to value: String) throws {
        try Workspace.checkSettingKey(key)
        try store.setSetting(key, value, today: today)
    }

    /// Resets a setting to its default.
    public func resetSetting(_ key: String) throws {
        try Workspace.checkSettingKey(key)
        try store.setSetting(key, nil, today: today)
    }

    /// Checks that `key` names a setting and, with a value, that the value fits it.
    ///
    /// - throws: the workflow error for an unknown key.
    public static func checkSettingKey(_ key: String, value: String? = nil) throws {
        guard WorkflowSettings.known.contains(where: { $0.key == key }) else { throw WorkflowError.unknownSetting(key) }
        if let value { _ = try WorkflowSettings.validate(key: key, value: value) }
    }
}
