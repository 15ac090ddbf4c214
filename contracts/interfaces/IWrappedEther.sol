// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";

/// @title IWrappedEther
/// @notice Ether as an ERC-20 (WETH9's interface): offers are paid in it, so they need no escrow.
interface IWrappedEther is IERC20 {
    /// @notice `account` wrapped `amount` wei.
    event Deposit(address indexed account, uint256 amount);
    /// @notice `account` unwrapped `amount` wei.
    event Withdrawal(address indexed account, uint256 amount);

    /// @dev Sending `amount` unwrapped wei to `to` failed.
    error WethPaymentFailed(address to, uint256 amount);

    /// @notice Wrap the ether sent.
    function deposit() external payable;

    /// @notice Unwrap `amount` and send the ether to the caller.
    function withdraw(uint256 amount) external;
}
