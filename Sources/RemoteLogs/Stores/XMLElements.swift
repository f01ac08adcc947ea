import Foundation

#if canImport(FoundationXML)
  import FoundationXML
#endif

/// The elements of an XML document in the order they close, each with
/// its slash-joined path from the root and its text: enough to read S3
/// and Azure listings.
final class XMLElements: NSObject, XMLParserDelegate {
  /// A closed element.
  struct Element {
    /// `Root/Child/Leaf`.
    var path: String
    /// The text directly inside it, untrimmed; empty for containers.
    var text: String
  }

  private var stack: [String] = []
  private var text = ""
  private var elements: [Element] = []

  /// Parses a document.
  ///
  /// - Parameter data: The XML.
  /// - Returns: The elements as they close; those before a syntax error
  ///   when the document is malformed.
  static func parse(_ data: Data) -> [Element] {
    let parser = XMLParser(data: data)
    let delegate = XMLElements()
    parser.delegate = delegate
    _ = parser.parse()
    return delegate.elements
  }

  func parser(
    _ parser: XMLParser, didStartElement elementName: String,
    namespaceURI: String?, qualifiedName: String?,
    attributes: [String: String] = [:]
  ) {
    stack.append(elementName)
    text = ""
  }

  func parser(_ parser: XMLParser, foundCharacters string: String) {
    text += string
  }

  func parser(
    _ parser: XMLParser, didEndElement elementName: String,
    namespaceURI: String?, qualifiedName: String?
  ) {
    elements.append(Element(path: stack.joined(separator: "/"), text: text))
    stack.removeLast()
    text = ""
  }
}
