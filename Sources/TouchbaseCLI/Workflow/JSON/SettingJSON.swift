import TouchbaseKit

/// One element of `config --json`.
struct SettingJSON: Codable {
    var key: String
    var value: String
    var `default`: String
    var set: Bool
    var help: String

    init(_ s: EffectiveSetting) {
        key = s.key
        value = s.value
        `default` = s.defaultValue
        set = s.isSet
        help = WorkflowText.settingHelp(s.key)
    }
}
