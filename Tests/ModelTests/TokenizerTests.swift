import Foundation
import Model
import XCTest

final class TokenizerTests: XCTestCase {
    func testSpecialLocationAndDigitTokensComeFirst() throws {
        let tokenizer = try Tokenizer(words: ["inspect", "ok"], locationBins: 64)
        XCTAssertEqual(Array(tokenizer.tokens.prefix(6)), ["<pad>", "<bos>", "<eos>", "<unk>", "<image>", "<nl>"])
        XCTAssertEqual([tokenizer.padID, tokenizer.bosID, tokenizer.eosID, tokenizer.unknownID, tokenizer.imageID, tokenizer.newlineID], [0, 1, 2, 3, 4, 5])
        XCTAssertEqual(tokenizer.id(of: "<loc_0>"), 6)
        XCTAssertEqual(tokenizer.id(of: "<loc_63>"), 69)
        XCTAssertEqual(tokenizer.locationBin(ofToken: 69), 63)
        XCTAssertNil(tokenizer.locationBin(ofToken: 70))
        XCTAssertEqual(tokenizer.id(of: "0"), 70)
        XCTAssertEqual(tokenizer.id(of: "##9"), 89)
        XCTAssertEqual(tokenizer.tokens.suffix(2), ["inspect", "ok"])
        XCTAssertEqual(tokenizer.count, 92)
    }

    func testDuplicateAndBuiltInWordsAreKeptOnce() throws {
        let tokenizer = try Tokenizer(words: ["\n", "ok", "3", "ok", "<loc_2>", "red"], locationBins: 4)
        XCTAssertEqual(tokenizer.tokens.suffix(2), ["ok", "red"])
        XCTAssertEqual(Set(tokenizer.tokens).count, tokenizer.count)
    }

    func testCanonicalTextRoundTrips() throws {
        let tokenizer = try Tokenizer(words: ["inspect", "juice_bottle", "1", "top", "label:", "found", "->", "ok", "count", "verdict:", "normal"])
        let text = "inspect juice_bottle\n1 top label: found <loc_3> <loc_17> <loc_40> <loc_63> -> ok\ncount 15 -> 2\n\nverdict: normal"
        let ids = try tokenizer.encode(text)
        XCTAssertEqual(try tokenizer.decode(ids), text)
        // The number 15 is spelled as a digit and a continuation digit.
        let fifteen = try tokenizer.encode("15")
        XCTAssertEqual(fifteen, [tokenizer.id(of: "1")!, tokenizer.id(of: "##5")!])
        XCTAssertEqual(ids.filter { $0 == tokenizer.newlineID }.count, 4)
    }

    func testPiecesSayWhichCharactersEachTokenAdds() throws {
        let tokenizer = try Tokenizer(words: ["count", "->", "ok"])
        let ids = [tokenizer.bosID] + (try tokenizer.encode("count 15 -> ok\n<loc_2> ok")) + [tokenizer.eosID]
        let pieces = try tokenizer.pieces(ids)
        XCTAssertEqual(pieces, ["", "count", " 1", "5", " ->", " ok", "\n", "<loc_2>", " ok", ""])
        XCTAssertEqual(pieces.joined(), try tokenizer.decode(ids))
        XCTAssertThrowsError(try tokenizer.pieces([tokenizer.count]))
    }

    func testEncodeNormalisesSpacesAndDecodeSkipsControlTokens() throws {
        let tokenizer = try Tokenizer(words: ["a", "b"])
        XCTAssertEqual(try tokenizer.decode(try tokenizer.encode("  a \t b  \n b ")), "a b\nb")
        XCTAssertEqual(try tokenizer.decode(try tokenizer.encode("a\r\nb")), "a\nb")
        let ids = [tokenizer.bosID, tokenizer.id(of: "a")!, tokenizer.padID, tokenizer.id(of: "b")!, tokenizer.eosID]
        XCTAssertEqual(try tokenizer.decode(ids), "a b")
    }

    func testUnknownWordsAndIdsAreErrors() throws {
        let tokenizer = try Tokenizer(words: ["ok"])
        XCTAssertThrowsError(try tokenizer.encode("ok banana")) { XCTAssertEqual($0 as? ModelError, .unknownWord("banana")) }
        XCTAssertThrowsError(try tokenizer.encode("1.5")) { XCTAssertEqual($0 as? ModelError, .unknownWord("1.5")) }
        XCTAssertThrowsError(try tokenizer.decode([tokenizer.count])) { XCTAssertEqual($0 as? ModelError, .unknownToken(tokenizer.count)) }
        XCTAssertThrowsError(try tokenizer.decode([-1])) { XCTAssertEqual($0 as? ModelError, .unknownToken(-1)) }
    }

    func testInvalidVocabulariesAreRejected() throws {
        XCTAssertThrowsError(try Tokenizer(words: ["two words"]))
        XCTAssertThrowsError(try Tokenizer(words: [""]))
        XCTAssertThrowsError(try Tokenizer(words: ["##ab"]))
        XCTAssertNoThrow(try Tokenizer(words: ["##7"]))
        XCTAssertThrowsError(try Tokenizer(words: [], locationBins: 0))
        let tokens = try Tokenizer(words: ["ok"], locationBins: 2).tokens
        XCTAssertThrowsError(try Tokenizer(tokens: tokens + ["ok"], locationBins: 2)) {
            XCTAssertEqual($0 as? ModelError, .invalidVocabulary("'ok' is listed twice"))
        }
        XCTAssertThrowsError(try Tokenizer(tokens: Array(tokens.dropFirst()), locationBins: 2))
        XCTAssertThrowsError(try Tokenizer(tokens: tokens.filter { $0 != "<loc_1>" }, locationBins: 2))
    }

    func testJSONRoundTripKeepsEveryToken() throws {
        let tokenizer = try Tokenizer(words: ["inspect", "pushpins", "ok"], locationBins: 16)
        let data = try JSONEncoder().encode(tokenizer)
        let decoded = try JSONDecoder().decode(Tokenizer.self, from: data)
        XCTAssertEqual(decoded, tokenizer)
        XCTAssertEqual(try decoded.encode("inspect pushpins <loc_15> ok"), try tokenizer.encode("inspect pushpins <loc_15> ok"))
        let broken = Data(#"{"locationBins": 2, "tokens": ["<bos>", "<pad>"]}"#.utf8)
        XCTAssertThrowsError(try JSONDecoder().decode(Tokenizer.self, from: broken))
    }
}
