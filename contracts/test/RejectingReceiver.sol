// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {IERC721Receiver} from "@openzeppelin/contracts/token/ERC721/IERC721Receiver.sol";

/// @title RejectingReceiver
/// @notice TEST ONLY, never deployed by scripts: refuses every pet by reverting with a
/// reason string, which safeTransferFrom must pass on unchanged.
contract RejectingReceiver is IERC721Receiver {
    /// @notice Always reverts with "RejectingReceiver: no pets here".
    function onERC721Received(address, address, uint256, bytes calldata) external pure returns (bytes4) {
        // The point of this contract: a reason string, which the token must pass on unchanged.
        // solhint-disable-next-line gas-custom-errors
        revert("RejectingReceiver: no pets here");
    }
}
