// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {ActingContract} from "./ActingContract.sol";

/// @title ReentrantBidder
/// @notice TEST ONLY. When paid, and when handed a pet with safeTransferFrom, it calls back
/// into a market (`arm`: the target, calldata and value), and records whether that call
/// succeeded and what it reverted with, without reverting itself.
contract ReentrantBidder is ActingContract {
    /// @notice The market it re-enters.
    address public target;
    /// @notice The calldata of the re-entrant call.
    bytes public payload;
    /// @notice The wei the re-entrant call sends.
    uint256 public value;
    /// @notice True until the armed call is made.
    bool public armed;

    /// @notice How many re-entrant calls it made.
    uint256 public attempts;
    /// @notice Whether the last re-entrant call succeeded.
    bool public lastSucceeded;
    /// @notice The last re-entrant call's return or revert data.
    bytes public lastRevert;
    /// @notice How many times onERC721Received ran.
    uint256 public receiverHookCalls;

    /// @notice Re-enter `target_` with `payload_` and `value_` wei on the next payment.
    function arm(address target_, bytes calldata payload_, uint256 value_) external {
        target = target_;
        payload = payload_;
        value = value_;
        armed = true;
    }

    /// @notice A payment: re-enters if armed.
    receive() external payable {
        _reenter();
    }

    /// @notice ERC-721 receiver hook: re-enters too (the markets never call it).
    function onERC721Received(address, address, uint256, bytes calldata) external returns (bytes4) {
        receiverHookCalls += 1;
        _reenter();
        return this.onERC721Received.selector;
    }

    /// @dev Makes the armed call once and records its outcome without reverting.
    function _reenter() private {
        if (!armed) return;
        armed = false; // once
        attempts += 1;
        // The re-entrant call the test armed: any calldata, so a low-level call.
        // solhint-disable-next-line avoid-low-level-calls
        (bool ok, bytes memory ret) = target.call{value: value}(payload);
        lastSucceeded = ok;
        lastRevert = ret;
    }
}
