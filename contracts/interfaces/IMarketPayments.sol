// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

/// @title IMarketPayments
/// @notice What every Pawchain market shares: a cut in basis points, the pets' ERC-2981
/// royalty, credited proceeds that their owners withdraw (pull payments), and a pause.
/// See docs/market.md.
interface IMarketPayments {
    /* ------------------------------------------------------------ */
    /*                            EVENTS                            */
    /* ------------------------------------------------------------ */

    /// @notice `account` withdrew its credits to `to`: `etherAmount` wei and `tokenAmount` WETH.
    event Withdrawn(address indexed account, address indexed to, uint256 etherAmount, uint256 tokenAmount);
    /// @notice The house's cuts (and gen-0 sales) were paid out to `to`.
    event HouseWithdrawn(address indexed to, uint256 etherAmount, uint256 tokenAmount);
    /// @notice The royalties accrued here were paid out to `to` for the royalty `receiver`.
    event RoyaltiesWithdrawn(address indexed receiver, address indexed to, uint256 etherAmount, uint256 tokenAmount);
    /// @notice The market cut changed to `cutBps` basis points.
    event CutChanged(uint256 cutBps);
    /// @notice New auctions, bids and fills stopped (cancels and withdrawals go on).
    event MarketPaused(address indexed account);
    /// @notice See {MarketPaused}.
    event MarketUnpaused(address indexed account);

    /* ------------------------------------------------------------ */
    /*                        CUSTOM ERRORS                         */
    /* ------------------------------------------------------------ */

    /// @dev The market is paused: no new auctions, bids or fills.
    error MarketIsPaused();
    /// @dev A call came back into the market while it was moving value.
    error MarketReentrantCall();
    /// @dev The cut asked for is above the cap.
    error MarketCutTooHigh(uint256 cutBps, uint256 maxCutBps);
    /// @dev The zero address where an account is required.
    error MarketZeroAddress();
    /// @dev The cut and the royalty together exceed the price (cannot happen within the caps).
    error MarketFeesExceedPrice(uint256 price, uint256 fees);
    /// @dev `account` has no credit to withdraw.
    error MarketNothingToWithdraw(address account);
    /// @dev Only the pets' current royalty receiver (`receiver`) may withdraw royalties.
    error MarketNotRoyaltyReceiver(address caller, address receiver);
    /// @dev Sending `amount` wei to `to` failed (its code rejected it); the credit is kept.
    error MarketPaymentFailed(address to, uint256 amount);
    /// @dev A price is above what an auction can hold, or an offer's above what any wallet can pay.
    error MarketPriceTooHigh(uint256 price, uint256 max);

    /* ------------------------------------------------------------ */
    /*                          FUNCTIONS                           */
    /* ------------------------------------------------------------ */

    /// @notice Pay the caller's credits (ether and WETH) to `to`.
    function withdraw(address to) external;

    /// @notice What `account` may withdraw: `etherCredit` wei and `tokenCredit` WETH.
    function creditOf(address account) external view returns (uint256 etherCredit, uint256 tokenCredit);

    /// @notice The house's uncollected cuts (and gen-0 sale proceeds).
    function houseBalance() external view returns (uint256 etherAmount, uint256 tokenAmount);

    /// @notice Pay the royalties accrued on sales here (ether and WETH) to `to`; only the
    /// pets' current royalty receiver may, and it collects everything accrued so far.
    function withdrawRoyalties(address to) external;

    /// @notice The royalties accrued here and not yet withdrawn.
    function royaltyBalance() external view returns (uint256 etherAmount, uint256 tokenAmount);

    /// @notice Who {withdrawRoyalties} pays: the pets' ERC-2981 royalty receiver now.
    function royaltyReceiver() external view returns (address);

    /// @notice The market cut, in basis points of each price.
    function cutBps() external view returns (uint256);

    /// @notice True while new auctions, bids and fills are stopped.
    function paused() external view returns (bool);
}
