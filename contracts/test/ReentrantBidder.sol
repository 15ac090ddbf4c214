// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {ActingContract} from "./ActingContract.sol";

/// @title ReentrantBidder
/// @notice TEST ONLY. When paid, and when handed a pet with safeTransferFrom, it calls back
/// into a market (`arm`: the target, calldata and value), and records whether that call
/// succeeded and what it reverted with, without reverting itself.
contract ReentrantBidder is ActingContract {
    address public target;
    bytes public payload;
    uint256 public value;
    bool public armed;

    uint256 public attempts;
    bool public lastSucceeded;
    bytes public lastRevert;
    uint256 public receiverHookCalls;

    /// @notice Re-enter `target_` with `payload_` and `value_` wei on the next payment.
    function arm(address target_, bytes calldata payload_, uint256 value_) external {
        target = target_;
        payload = payload_;
        value = value_;
        armed = true;
    }

    receive() external payable {
        _reenter();
    }

    /// @notice ERC-721 receiver hook: re-enters too (the markets never call it).
    function onERC721Received(address, address, uint256, bytes calldata) external returns (bytes4) {
        receiverHookCalls += 1;
        _reenter();
        return this.onERC721Received.selector;
    }

    function _reenter() private {
        if (!armed) return;
        armed = false; // once
        attempts += 1;
        (bool ok, bytes memory ret) = target.call{value: value}(payload);
        lastSucceeded = ok;
        lastRevert = ret;
    }
}
