import Foundation
import TouchbaseKit

/// The opportunities view of `board` (`board --opportunities`).
enum OpportunityBoardCommand {
    static func run(home: HomeOptions, json: Bool) throws {
        let ctx = try CLIContext(home)
        let board = try ctx.kit.opportunityBoard()
        if json {
            try JSONOutput.emit(OpportunityBoardJSON(board))
        } else {
            print(OpportunityBoardView.text(board, terminal: ctx.terminal, today: ctx.today))
        }
    }
}
