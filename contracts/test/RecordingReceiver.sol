// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {IERC721} from "@openzeppelin/contracts/token/ERC721/IERC721.sol";
import {IERC721Receiver} from "@openzeppelin/contracts/token/ERC721/IERC721Receiver.sol";

/// @title RecordingReceiver
/// @notice TEST ONLY, never deployed by scripts: a well-behaved ERC-721 receiver that
/// accepts every pet and records what `onERC721Received` was called with, and who owned
/// the pet at that moment (the calling token's ownerOf).
contract RecordingReceiver is IERC721Receiver {
    /// @notice onERC721Received ran with these arguments.
    event Received(address operator, address from, uint256 tokenId, bytes data);

    /// @notice How many times onERC721Received ran.
    uint256 public calls;
    /// @notice The last call's `operator`.
    address public lastOperator;
    /// @notice The last call's `from`.
    address public lastFrom;
    /// @notice The last call's `tokenId`.
    uint256 public lastTokenId;
    /// @notice The last call's `data`.
    bytes public lastData;
    /// @notice ownerOf(tokenId) on the calling token, read during the last call.
    address public lastOwnerSeen;

    /// @notice Accepts the pet and records the call.
    function onERC721Received(
        address operator,
        address from,
        uint256 tokenId,
        bytes calldata data
    ) external returns (bytes4) {
        calls += 1;
        lastOperator = operator;
        lastFrom = from;
        lastTokenId = tokenId;
        lastData = data;
        lastOwnerSeen = IERC721(msg.sender).ownerOf(tokenId);
        emit Received(operator, from, tokenId, data);
        return IERC721Receiver.onERC721Received.selector;
    }
}
