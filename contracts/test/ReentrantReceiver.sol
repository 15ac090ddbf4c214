// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {IERC721Receiver} from "@openzeppelin/contracts/token/ERC721/IERC721Receiver.sol";

/// @title ReentrantReceiver
/// @notice TEST ONLY, never deployed by scripts: a hostile ERC-721 receiver. On the first
/// receipt after `arm`, before accepting the pet, it calls back into the token with calldata
/// chosen by the test (move the pet on, pull it a second time, breed it, ...), then accepts.
/// It records whether that re-entrant call succeeded and what it returned; when `bubble` is
/// set, a failed re-entrant call makes the receipt (and so the transfer) revert with its error.
contract ReentrantReceiver is IERC721Receiver {
    /// @notice The token it re-enters.
    address public immutable token;
    /// @notice The call made on the next receipt (empty: none).
    bytes public reentryCall;
    /// @notice Whether a failed re-entrant call reverts the receipt.
    bool public bubble;
    /// @notice True once the armed call was made.
    bool public reentered;
    /// @notice Outcome of the re-entrant call: success, and its return or revert data.
    bool public reentrySucceeded;
    /// @notice The re-entrant call's return or revert data.
    bytes public reentryResult;
    /// @notice Pets received so far.
    uint256 public received;

    constructor(address token_) {
        token = token_;
    }

    /// @notice Make `call` to the token on the next receipt; `bubble_` as described above.
    function arm(bytes calldata call, bool bubble_) external {
        reentryCall = call;
        bubble = bubble_;
        reentered = false;
        reentrySucceeded = false;
        delete reentryResult;
    }

    /// @notice Call the token as this contract (to approve, pull a pet, breed, ...).
    function execute(bytes calldata call) external returns (bytes memory result) {
        bool ok;
        // Any call the test chooses, so a low-level one.
        // solhint-disable-next-line avoid-low-level-calls
        (ok, result) = token.call(call);
        if (!ok) _revertWith(result);
    }

    /// @notice Makes the armed call once, records it, then accepts the pet.
    function onERC721Received(address, address, uint256, bytes calldata) external returns (bytes4) {
        received += 1;
        if (!reentered && reentryCall.length != 0) {
            reentered = true;
            // The re-entrant call the test armed: any calldata, so a low-level call.
            // solhint-disable-next-line avoid-low-level-calls
            (bool ok, bytes memory result) = token.call(reentryCall);
            reentrySucceeded = ok;
            reentryResult = result;
            if (!ok && bubble) _revertWith(result);
        }
        return IERC721Receiver.onERC721Received.selector;
    }

    /// @dev Reverts with `data` as it is (a custom error or a reason string).
    function _revertWith(bytes memory data) private pure {
        // Solidity cannot rethrow raw revert data without assembly.
        // solhint-disable-next-line no-inline-assembly
        assembly ("memory-safe") {
            revert(add(data, 32), mload(data))
        }
    }
}
