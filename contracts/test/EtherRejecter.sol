// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {ActingContract} from "./ActingContract.sol";

/// @title EtherRejecter
/// @notice TEST ONLY. A bidder or seller whose code refuses every ether payment.
contract EtherRejecter is ActingContract {
    /// @dev This contract refused `amount` wei.
    error EtherRejected(uint256 amount);

    /// @notice Refuses every payment.
    receive() external payable {
        revert EtherRejected(msg.value);
    }
}
