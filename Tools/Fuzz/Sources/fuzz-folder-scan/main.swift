// The shared folder's names and entry types, as a sync lists and reads them: each input lays out a
// small folder (regular files, directories, symbolic links pointing outside it, FIFOs) under
// arbitrary names, then scans it and reads every entry the scan recognized. Invariants: the scan and
// the reads throw nothing but ExchangeError and never block; every recognized entry names a regular
// file reached through real directories (no link is ever followed), under exactly the path the
// entry gives.
//
// Input: lines; the first byte of a line is the entry's type (its value mod 4: file, directory,
// symbolic link, FIFO), the rest its path below the folder ('/' separates components).
import FuzzSupport
import Foundation
import TouchbaseCore
import TouchbaseExchange
#if canImport(Glibc)
import Glibc
#endif

let base: String = {
    // A memory file system where there is one: the target spends its time creating and removing files.
    let parent = FileManager.default.fileExists(atPath: "/dev/shm") ? "/dev/shm" : NSTemporaryDirectory()
    var template = Array((parent + "/tb-fuzz-scan-XXXXXX").utf8CString)
    guard let made = mkdtemp(&template) else { fatalError("mkdtemp failed") }
    let path = String(cString: made)
    // A directory outside the folder that every link points at, laid out like a folder and like a
    // device directory: a scan that followed a link would list what is inside.
    let device = "000000000000000000000000000000d1"
    for dir in ["outside", "outside/\(device)", "outside/acks", "outside/changes", "outside/changes/\(device)"] {
        mkdir(path + "/" + dir, 0o755)
    }
    for file in ["outside/1-1.tbc", "outside/\(device).tba", "outside/\(device).tbd", "outside/\(device)/1-1.tbc",
                 "outside/acks/\(device).tba", "outside/changes/\(device)/1-1.tbc", "outside/touchbase-folder.key"] {
        _ = FileManager.default.createFile(atPath: path + "/" + file, contents: Data("outside".utf8))
    }
    atexit { try? FileManager.default.removeItem(atPath: base) }
    return path
}()

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzFolderScan(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let root = base + "/folder"
    try? FileManager.default.removeItem(atPath: root)
    mkdir(root, 0o755)
    defer { try? FileManager.default.removeItem(atPath: root) }
    for line in FuzzInput.bytes(data, size).split(separator: 0x0A, omittingEmptySubsequences: true).prefix(16) {
        lay(type: line.first! % 4, path: Array(line.dropFirst()), below: root)
    }
    let folder = SharedFolder(path: root)
    let scan: FolderScan
    do { scan = try folder.scan() } catch { clean(error); return 0 }
    for entry in scan.changeFiles {
        realFile(root, entry.relativePath)
        do { _ = try folder.readChanges(entry) } catch { clean(error) }
    }
    for device in scan.acks {
        realFile(root, FolderEntry.ack(device).relativePath)
        do { _ = try folder.readAck(of: device) } catch { clean(error) }
    }
    for device in scan.deviceCards {
        realFile(root, FolderEntry.deviceCard(device).relativePath)
        do { _ = try folder.readDeviceCard(of: device) } catch { clean(error) }
    }
    for entry in scan.snapshots {
        realFile(root, entry.relativePath)
        do { _ = try folder.readSnapshot(entry) } catch { clean(error) }
    }
    if scan.hasKeyFile {
        realFile(root, FolderKey.fileName)
        do { _ = try folder.unlock(passphrase: FuzzKey.passphrase) } catch { clean(error) }
    }
    return 0
}

/// Creates one entry (and its missing parent directories); names are cut to 255 bytes, NUL bytes
/// and the components ".", ".." and "" are dropped.
func lay(type: UInt8, path: [UInt8], below root: String) {
    let components = path.split(separator: UInt8(ascii: "/"), omittingEmptySubsequences: true)
        .map { Array($0.filter { $0 != 0 }.prefix(255)) }
        .filter { !$0.isEmpty && $0 != [0x2E] && $0 != [0x2E, 0x2E] }
        .prefix(4)
    guard !components.isEmpty else { return }
    var current = Array(root.utf8)
    for component in components.dropLast() {
        current += [UInt8(ascii: "/")] + component
        _ = withCString(current) { mkdir($0, 0o755) }
    }
    current += [UInt8(ascii: "/")] + components.last!
    _ = withCString(current) { p -> Int32 in
        switch type {
        case 0:
            let fd = open(p, O_WRONLY | O_CREAT | O_EXCL, 0o644)
            if fd >= 0 { _ = write(fd, "x", 1); close(fd) }
            return fd
        case 1: return mkdir(p, 0o755)
        case 2: return symlink(base + "/outside", p)
        default: return mkfifo(p, 0o644)
        }
    }
}

func withCString<T>(_ bytes: [UInt8], _ body: (UnsafePointer<CChar>) -> T) -> T {
    (bytes + [0]).withUnsafeBufferPointer { $0.withMemoryRebound(to: CChar.self) { body($0.baseAddress!) } }
}

/// Traps unless `relative` is a regular file below `root` reached through real directories.
func realFile(_ root: String, _ relative: String) {
    var path = root
    let parts = relative.split(separator: "/")
    for (i, part) in parts.enumerated() {
        path += "/" + part
        var st = stat()
        FuzzInput.require(lstat(path, &st) == 0, "\(relative): \(path) does not exist")
        let expected = i == parts.count - 1 ? S_IFREG : S_IFDIR
        FuzzInput.require(st.st_mode & S_IFMT == expected, "\(relative): \(path) is not a real \(i == parts.count - 1 ? "file" : "directory")")
    }
}

/// Traps on an error that is not an ExchangeError.
func clean(_ error: any Error) {
    FuzzInput.require(error is ExchangeError, "\(type(of: error)): \(error)")
}

@_cdecl("fuzz_folder_scan_main")
public func fuzzFolderScanMain(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) -> Int32 {
    FuzzDriver.run(argc, argv, fuzzFolderScan)
}
