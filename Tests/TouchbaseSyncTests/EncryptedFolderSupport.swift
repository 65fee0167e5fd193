import Foundation
import Testing
import TouchbaseCore
import TouchbaseExchange
import TouchbaseStore
import TouchbaseSync
import TouchbaseTestSupport

/// A device of the encrypted-folder tests: its own database, the shared folder, cheap scrypt.
struct CryptDevice {
    let name: String
    let store: Store
    let folderPath: String

    init(_ name: String, in dir: TemporaryDirectory, folder: URL, clock: TestClock, random: SharedRandom) throws {
        self.name = name
        store = try Store.create(at: dir.path("\(name).sqlite"), deviceName: name,
                                 environment: SyncTestSupport.environment(clock: clock, random: random))
        folderPath = folder.path
        try access.remember(path: folderPath)
    }

    var access: FolderAccess {
        var a = FolderAccess(store: store)
        a.parameters = .testing
        return a
    }

    /// Opens the folder through the policy.
    func open(_ passphrase: String?, encrypt: Bool = false) throws -> SharedFolder {
        try access.open(encrypt: encrypt) { passphrase }
    }

    /// Opens and syncs.
    @discardableResult
    func sync(_ passphrase: String?, encrypt: Bool = false) throws -> SyncReport {
        try SyncEngine(store: store, folder: try open(passphrase, encrypt: encrypt)).sync()
    }

    /// Adds a contact with a name and an ask; returns its id.
    @discardableResult
    func add(_ name: String, ask: String) throws -> RecordID {
        let id = store.environment.makeRecordID()
        try store.commit([Op(entity: "contact", record: id, field: "name", value: .text(name)),
                          Op(entity: "contact", record: id, field: "ask", value: .text(ask))])
        return id
    }

    /// The names of the visible contacts, sorted.
    func names() throws -> [String] {
        try store.records(RecordQuery(entity: "contact")).compactMap {
            if case .text(let s)? = $0.values["name"] { return s } else { return nil }
        }.sorted()
    }
}

enum CryptChecks {
    /// Every regular file below `folder`, by relative path, with its bytes.
    static func files(_ folder: URL) -> [String: Data] {
        var out: [String: Data] = [:]
        let base = folder.standardizedFileURL.path
        for case let url as URL in FileManager.default.enumerator(at: folder, includingPropertiesForKeys: nil)! {
            var isDir: ObjCBool = false
            guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDir), !isDir.boolValue else { continue }
            let path = url.standardizedFileURL.path
            out[String(path.dropFirst(base.count + 1))] = (try? Data(contentsOf: url)) ?? Data()
        }
        return out
    }

    /// Expects that no file of the folder contains `secret` in plain bytes.
    static func expectNoPlaintext(_ secret: String, in folder: URL, sourceLocation: SourceLocation = #_sourceLocation) {
        for (path, data) in files(folder) {
            #expect(data.range(of: Data(secret.utf8)) == nil, "\(path) holds \"\(secret)\" in plaintext", sourceLocation: sourceLocation)
        }
    }

    /// Expects a refusal with `code`.
    @discardableResult
    static func expectRefusal<T>(_ code: FolderAccessError.Code, sourceLocation: SourceLocation = #_sourceLocation,
                                 _ body: () throws -> T) -> FolderAccessError? {
        do {
            _ = try body()
            Issue.record("expected \(code), nothing was thrown", sourceLocation: sourceLocation)
        } catch let e as FolderAccessError {
            #expect(e.code == code, "\(e)", sourceLocation: sourceLocation)
            return e
        } catch {
            Issue.record("expected \(code), got \(error)", sourceLocation: sourceLocation)
        }
        return nil
    }

    /// The header of an exchange file's bytes.
    static func header(_ data: Data) throws -> ExchangeHeader { try ExchangeHeader.parse(Array(data)) }
}
