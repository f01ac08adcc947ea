import CZlib
enum Zlib { static var version: String { String(cString: zlibVersion()) } }
