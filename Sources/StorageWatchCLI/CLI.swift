import StorageWatch
import ArgumentParsing
public enum CLI { public static func main() {} }
