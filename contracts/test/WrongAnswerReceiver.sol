// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {IERC721Receiver} from "@openzeppelin/contracts/token/ERC721/IERC721Receiver.sol";

/// @title WrongAnswerReceiver
/// @notice TEST ONLY, never deployed by scripts: answers onERC721Received without
/// reverting but with a value other than its selector, which is a refusal.
contract WrongAnswerReceiver is IERC721Receiver {
    /// @notice Returns 0xdeadbeef instead of 0x150b7a02.
    function onERC721Received(address, address, uint256, bytes calldata) external pure returns (bytes4) {
        return 0xdeadbeef;
    }
}
