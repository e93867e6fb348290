/// A comma-separated file as rows of fields (RFC 4180: fields may be quoted, `""` is a quote
/// inside quotes). Blank lines are skipped; each row keeps its 1-based line number for errors.
struct CSVTable {
    struct Row { let line: Int; let fields: [String] }
    let rows: [Row]

    enum ParseError: Error { case unterminatedQuote(line: Int) }

    init(parsing text: String) throws {
        var rows: [Row] = [], fields: [String] = [], field = ""
        var line = 1, rowLine = 1, quoted = false, sawQuote = false
        var chars = Array(text.replacingOccurrences(of: "\r\n", with: "\n"))[...]
        func endRow() {
            fields.append(field); field = ""
            if !(fields.count == 1 && fields[0].isEmpty && !sawQuote) { rows.append(Row(line: rowLine, fields: fields)) }
            fields = []; sawQuote = false
        }
        while let c = chars.popFirst() {
            if quoted {
                if c == "\"" {
                    if chars.first == "\"" { field.append("\""); chars.removeFirst() } else { quoted = false }
                } else {
                    if c == "\n" { line += 1 }
                    field.append(c)
                }
            } else if c == "\"" && field.isEmpty {
                quoted = true; sawQuote = true
            } else if c == "," {
                fields.append(field); field = ""
            } else if c == "\n" {
                endRow(); line += 1; rowLine = line
            } else {
                field.append(c)
            }
        }
        if quoted { throw ParseError.unterminatedQuote(line: rowLine) }
        if !field.isEmpty || !fields.isEmpty || sawQuote { endRow() }
        self.rows = rows
    }
}
